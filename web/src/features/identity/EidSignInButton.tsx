/** Placeholder, being built: "sign in with the national e-ID" (VNeID). */
export function EidSignInButton() {
  return null;
}
