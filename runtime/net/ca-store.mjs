/**
 * What the snapshot stamp tells the launcher about this node's default CA store (runtime/cli/snapshot.mjs
 * writes it, runtime/cli/pipeline reads it): `bundled-ca` when it is the node's bundled roots, the list
 * runtime/net/ca.ts can build again from `tls.rootCertificates` and the NODE_EXTRA_CA_CERTS file; `other-ca`
 * for a build that uses OpenSSL's store or adds a system CA file (distribution builds), whose list
 * JavaScript cannot read, so that the launcher leaves NODE_EXTRA_CA_CERTS to Node there.
 */
export function caStoreLine(config = process.config.variables) {
  return config.openssl_use_def_ca_store || config.openssl_system_ca_path ? 'other-ca' : 'bundled-ca'
}
