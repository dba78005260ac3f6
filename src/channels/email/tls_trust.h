#pragma once

// Which TLS certificates the mail channels (SmtpSender, ImapClient) accept, for vmime's
// GnuTLS connections.
//
// Why not vmime's own defaultCertificateVerifier (vmime 0.9.2): it links a chain by issuer
// NAME only (gnutls_x509_crt_check_issuer) and checks a signature only for the last
// certificate against the trusted roots. A forged leaf certificate that names a genuine
// intermediate CA as its issuer, sent together with that (public) intermediate, therefore
// passes: anyone on the path could read the mail and the password. StrictCertificateVerifier
// below closes that hole.

#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <vmime/security/cert/X509Certificate.hpp>
#include <vmime/security/cert/certificateChain.hpp>
#include <vmime/security/cert/certificateVerifier.hpp>

#include "base/status.h"

namespace sahayak::channels {

using X509List = std::vector<std::shared_ptr<vmime::security::cert::X509Certificate>>;

// Where the system keeps its trusted CAs (Debian/Ubuntu ca-certificates), used when no
// ca_file is configured.
inline constexpr char kSystemCaBundle[] = "/etc/ssl/certs/ca-certificates.crt";

// Every "BEGIN CERTIFICATE" block of the PEM file at `path` (vmime 0.9.2 imports only one
// certificate at a time). An unreadable block in a bundle is skipped, as TLS libraries do.
// Errors, both InvalidArgument with field "ca_file" (the setting that names the file):
//   "ca_file: cannot read <path>"           the file cannot be opened
//   "ca_file: no PEM certificate in <path>" it holds no readable certificate
Result<X509List> ReadPemCertificates(const std::string& path);

// The same for PEM text already in memory; empty when there is no readable certificate.
X509List ParsePemCertificates(std::string_view pem);

// Accepts a server's certificate chain (chain[0] = the server's own certificate, each next
// one its issuer) only when all of these hold, and otherwise throws the vmime exception named:
//  - the chain is not empty and holds X.509 certificates    certificateNotTrustedException
//  - from the leaf up to the trust anchor, every certificate is within its dates
//                                        certificateExpiredException / NotYetValidException
//  - every link's SIGNATURE verifies against the next certificate's key, and that issuer is
//    a CA (GnuTLS checks basicConstraints), not merely that the names match
//                                                       certificateIssuerVerificationException
//  - the chain reaches a trusted certificate: one of its certificates IS a trusted one (same
//    DER bytes, e.g. a pinned self-signed certificate or an intermediate given as ca_file), or
//    is signed by one. Certificates the server sends after that point are ignored (servers
//    often append a cross-signed or expired root).             certificateNotTrustedException
//  - the leaf names the configured host (DNS name, or IP address for a numeric host; the
//    subject CN only when there is no subjectAltName, as GnuTLS does). vmime passes the name
//    it looked up for the peer, which for a numeric host is a reverse-DNS name: that name is
//    ignored and the configured one used.                          serverIdentityException
// Not checked: revocation (no CRL or OCSP) and key usage purposes.
//
// Thread-safety: immutable after construction; vmime calls verify() on the thread that
// connects. Each SmtpSender and ImapClient makes its own.
class StrictCertificateVerifier final : public vmime::security::cert::certificateVerifier {
 public:
  // REQUIRES: `trusted` not empty (ReadPemCertificates never returns an empty list).
  StrictCertificateVerifier(X509List trusted, std::string host);

  void verify(std::shared_ptr<vmime::security::cert::certificateChain> chain,
              const vmime::string& peer_name) override;

 private:
  bool IsTrusted(const vmime::security::cert::X509Certificate& cert) const;
  bool SignedByTrusted(const vmime::security::cert::X509Certificate& cert) const;

  X509List trusted_;
  std::string host_;
};

// UNSAFE: accepts ANY certificate, so anyone on the network path can read the mail and the
// password. Only for tls_verify = false, which exists for test servers with self-signed
// certificates; to trust such a server properly, give its certificate or CA as ca_file.
class AcceptAnyCertificate final : public vmime::security::cert::certificateVerifier {
 public:
  void verify(std::shared_ptr<vmime::security::cert::certificateChain>,
              const vmime::string&) override {}
};

// The verifier for one server's settings: tls_verify true gives a StrictCertificateVerifier
// trusting the certificates of `ca_file` (empty: kSystemCaBundle) for `host`; false gives
// AcceptAnyCertificate (see the warning there). Errors as ReadPemCertificates.
Result<std::shared_ptr<vmime::security::cert::certificateVerifier>> MakeCertificateVerifier(
    bool tls_verify, const std::string& ca_file, const std::string& host);

}  // namespace sahayak::channels
