/** The same keys as the Vietnamese source, every leaf a string: what each other language must fill in. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
