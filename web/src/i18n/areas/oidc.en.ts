import type { Shape } from '../shape.js';
import type { oidcVi } from './oidc.vi.js';

export const oidcEn: Shape<typeof oidcVi> = {
  title: 'Linked applications',
  intro:
    'Agency systems sign in through CPĐT with OpenID Connect, so people need only their CPĐT account. Register systems, issue their secrets and disable them when needed.',
  discovery: 'Configuration (discovery) address to give the systems:',
  cancel: 'Cancel',
  createdAt: 'Registered {{time}}',
  create: {
    open: 'Register a system',
    title: 'Register a linked application',
    submit: 'Register',
    done: '“{{name}}” is registered.',
  },
  edit: {
    open: 'Edit',
    openFor: 'Edit {{name}}',
    title: 'Edit “{{name}}”',
    submit: 'Save changes',
    done: '“{{name}}” is saved.',
  },
  fields: {
    name: 'System name',
    nameHint: 'The name people see, e.g. Document management system.',
    agency: 'Owning agency',
    agencyOwn: 'The system belongs to the agency you work for.',
    type: 'Kind of application',
    clientId: 'Client id (client_id)',
    redirectUris: 'Redirect addresses after sign-in (redirect URIs)',
    redirectUrisHint:
      'One address per line, exactly as the system sends it. https only; http just for localhost or 127.0.0.1.',
    postLogoutRedirectUris: 'Addresses to return to after sign-out (optional)',
    postLogoutHint: 'One address per line.',
    backchannelLogoutUri: 'Sign-out notification address (back-channel, optional)',
    backchannelHint: 'CPĐT posts a logout_token here when the person signs out.',
  },
  type: {
    confidentialShort: 'Server',
    publicShort: 'Public',
    confidential: 'Server (with a secret)',
    confidentialHint: "Runs on the agency's servers and can keep a secret.",
    public: 'Browser or mobile (public)',
    publicHint: 'Runs in a browser or on a phone: no secret, PKCE is required.',
    machineShort: 'Machine',
    machine: 'Machine (nobody signs in)',
    machineHint:
      'A system calling CPĐT by itself with client credentials tokens, such as a document system connected to the exchange hub; it has no redirect addresses.',
  },
  status: {
    active: 'Active',
    disabled: 'Disabled',
  },
  list: {
    label: 'Linked applications',
    empty: 'No system is registered yet.',
    name: 'Name, client id',
    agency: 'Agency',
    type: 'Kind',
    redirectUris: 'Redirect addresses',
    status: 'Status',
    actions: 'Actions',
    noAgency: 'No agency',
  },
  secret: {
    title: 'Secret of “{{name}}”',
    warning:
      "Copy the secret into the system's configuration now. It is shown this once only: CPĐT keeps no readable copy. If it is lost, issue a new one.",
    clientSecret: 'Client secret (client_secret)',
    stored: 'I have stored the secret',
    done: 'Done',
    publicNote: 'A public client has no secret: the system uses its client id and PKCE.',
    authMethod: 'It authenticates at the token endpoint with HTTP Basic (client_secret_basic).',
  },
  rotate: {
    open: 'New secret',
    openFor: 'Issue a new secret for {{name}}',
    confirmTitle: 'Issue a new secret for “{{name}}”?',
    confirmBody:
      'The old secret stops working at once: the system cannot sign people in until it is given the new one.',
    confirm: 'Issue a new secret',
  },
  disable: {
    open: 'Disable',
    openFor: 'Disable {{name}}',
    confirmTitle: 'Disable “{{name}}”?',
    confirmBody:
      'People can no longer sign in to this system through CPĐT and the tokens it holds stop working. It can be enabled again later.',
    confirm: 'Disable',
    done: '“{{name}}” is disabled.',
  },
  enable: {
    open: 'Enable',
    openFor: 'Enable {{name}}',
    done: '“{{name}}” is enabled again.',
  },
};
