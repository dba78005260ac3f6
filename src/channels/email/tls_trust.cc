#include "channels/email/tls_trust.h"

#include <fstream>
#include <sstream>
#include <utility>
#include <vmime/security/cert/certificateExpiredException.hpp>
#include <vmime/security/cert/certificateIssuerVerificationException.hpp>
#include <vmime/security/cert/certificateNotTrustedException.hpp>
#include <vmime/security/cert/certificateNotYetValidException.hpp>
#include <vmime/security/cert/serverIdentityException.hpp>
#include <vmime/vmime.hpp>

namespace sahayak::channels {

namespace cert = vmime::security::cert;

X509List ParsePemCertificates(std::string_view pem) {
  static constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
  static constexpr std::string_view kEnd = "-----END CERTIFICATE-----";
  X509List certs;
  for (size_t pos = pem.find(kBegin); pos != std::string_view::npos; pos = pem.find(kBegin, pos)) {
    const size_t end = pem.find(kEnd, pos);
    if (end == std::string_view::npos) break;
    const std::string one = std::string(pem.substr(pos, end + kEnd.size() - pos)) + "\n";
    pos = end + kEnd.size();
    try {
      auto c = cert::X509Certificate::import(reinterpret_cast<const vmime::byte_t*>(one.data()),
                                             one.size());
      if (c) certs.push_back(std::move(c));
    } catch (const vmime::exception&) {
      // An unreadable entry in a bundle is skipped, as TLS libraries do.
    }
  }
  return certs;
}

Result<X509List> ReadPemCertificates(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return InvalidArgument("ca_file: cannot read " + path).WithField("ca_file", "cannot be read");
  }
  std::stringstream buf;
  buf << in.rdbuf();
  X509List certs = ParsePemCertificates(buf.str());
  if (certs.empty()) {
    return InvalidArgument("ca_file: no PEM certificate in " + path)
        .WithField("ca_file", "holds no PEM certificate");
  }
  return certs;
}

StrictCertificateVerifier::StrictCertificateVerifier(X509List trusted, std::string host)
    : trusted_(std::move(trusted)), host_(std::move(host)) {}

// The DER bytes, not vmime's equals(), which compares MD5 fingerprints.
bool StrictCertificateVerifier::IsTrusted(const cert::X509Certificate& c) const {
  const vmime::byteArray der = c.getEncoded();
  for (const auto& t : trusted_) {
    if (t->getEncoded() == der) return true;
  }
  return false;
}

// X509Certificate::verify is gnutls_x509_crt_verify with that one CA: the issuer's name must
// match, its key must verify the signature, and it must be a CA.
bool StrictCertificateVerifier::SignedByTrusted(const cert::X509Certificate& c) const {
  for (const auto& t : trusted_) {
    if (c.verify(t)) return true;
  }
  return false;
}

void StrictCertificateVerifier::verify(std::shared_ptr<cert::certificateChain> chain,
                                       const vmime::string& /*peer_name*/) {
  if (!chain || chain->getCount() == 0) {
    throw cert::certificateNotTrustedException();
  }
  X509List certs;
  for (size_t i = 0; i < chain->getCount(); ++i) {
    auto c = vmime::dynamicCast<cert::X509Certificate>(chain->getAt(i));
    if (!c) throw cert::certificateNotTrustedException();
    certs.push_back(std::move(c));
  }
  // Walk up from the leaf until a trusted certificate, or one signed by a trusted CA, is
  // reached; every link on the way must carry a valid signature of the next one.
  bool trusted = false;
  for (size_t i = 0; i < certs.size() && !trusted; ++i) {
    certs[i]->checkValidity();  // throws certificateExpired / NotYetValid
    if (IsTrusted(*certs[i]) || SignedByTrusted(*certs[i])) {
      trusted = true;
    } else if (i + 1 < certs.size() && !certs[i]->verify(certs[i + 1])) {
      cert::certificateIssuerVerificationException ex;
      ex.setCertificate(certs[i]);
      throw ex;
    }
  }
  if (!trusted) {
    cert::certificateNotTrustedException ex;
    ex.setCertificate(certs.front());
    throw ex;
  }
  if (!certs.front()->verifyHostName(host_)) {
    cert::serverIdentityException ex;
    ex.setCertificate(certs.front());
    throw ex;
  }
}

Result<std::shared_ptr<cert::certificateVerifier>> MakeCertificateVerifier(
    bool tls_verify, const std::string& ca_file, const std::string& host) {
  if (!tls_verify) {
    return std::shared_ptr<cert::certificateVerifier>(std::make_shared<AcceptAnyCertificate>());
  }
  ASSIGN_OR_RETURN(X509List cas, ReadPemCertificates(ca_file.empty() ? kSystemCaBundle : ca_file));
  return std::shared_ptr<cert::certificateVerifier>(
      std::make_shared<StrictCertificateVerifier>(std::move(cas), host));
}

}  // namespace sahayak::channels
