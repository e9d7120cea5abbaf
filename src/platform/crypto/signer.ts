/**
 * Something that signs with a private key it may never reveal: the system seal in a PKCS#11 token (or, in the
 * embedded demo only, a passphrase-encrypted key file), a test key, a signing agent. CMS, PDF and receipt
 * signing take a Signer, so where the key lives never changes how a signature is made.
 */
export interface Signer {
  /** The signer's X.509 certificate (DER). */
  readonly certificate: Buffer;
  /** Intermediate CA certificates to carry in signatures (DER), nearest first; may be empty. */
  readonly chain: readonly Buffer[];
  readonly keyAlgorithm: 'EC' | 'RSA';
  /**
   * SHA-256 and sign `data`: ECDSA returns the DER-encoded Ecdsa-Sig-Value (what CMS carries), RSA a PKCS#1
   * v1.5 signature.
   */
  sign(data: Buffer): Promise<Buffer>;
  /** Where the key is, for operators: 'PKCS#11 token "cpdt", key "seal"', 'key file (demo only) …'. */
  readonly description: string;
}
