/**
 * A syntactically valid UUID, checked before an id from a URL or a body reaches a `uuid` column: PostgreSQL
 * would refuse the query with an error, and the caller should get "not found" instead.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
