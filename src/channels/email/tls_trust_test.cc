#include "channels/email/tls_trust.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>
#include <vmime/security/cert/certificateExpiredException.hpp>
#include <vmime/security/cert/certificateIssuerVerificationException.hpp>
#include <vmime/security/cert/certificateNotTrustedException.hpp>
#include <vmime/security/cert/defaultCertificateVerifier.hpp>
#include <vmime/security/cert/serverIdentityException.hpp>
#include <vmime/vmime.hpp>

#include "testing/temp_dir.h"

namespace sahayak::channels {
namespace {

namespace cert = vmime::security::cert;

constexpr char kOpenssl[] = "/usr/bin/openssl";

// Extension sections for the test PKI. The leaves carry no key identifiers (OpenSSL 3 adds
// them unless told "none"), so the only things tying a leaf to its issuer are the issuer NAME,
// which a forger can copy, and the signature, which a forger cannot make.
constexpr char kOpensslConfig[] = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier = none
authorityKeyIdentifier = none
)";

// A root CA, an intermediate CA it signed, and server certificates, made by the openssl
// command line once for the whole suite:
//   root.pem          "Sahayak Test Root" (self-signed CA)
//   inter.pem         "Sahayak Test Intermediate", signed by root
//   leaf.pem          127.0.0.1 + localhost, signed by inter
//   expired.pem       the same names, signed by inter, valid until yesterday
//   fake_inter.pem    a self-signed CA with a different key but inter's NAME
//   forged.pem        127.0.0.1 + localhost, signed by fake_inter's key, so its issuer reads
//                     "Sahayak Test Intermediate" like leaf.pem's
//   forged_aki.pem    the same, also claiming inter's key identifier (authorityKeyIdentifier
//                     copied from inter.pem), as a careful forger would
//   other_root.pem    an unrelated self-signed CA
//   under_leaf.pem    a server certificate signed by leaf.pem's key (leaf is not a CA)
class TlsTrustTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (::access(kOpenssl, X_OK) != 0) {
      skip_reason_ = new std::string(std::string(kOpenssl) +
                                     " is not installed; these tests make their certificates "
                                     "with it at run time");
      return;
    }
    dir_ = new sahayak::testing::TempDir();
    std::ofstream(Path("ca.cnf")) << kOpensslConfig;
    const std::string newkey = " -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
    auto self_signed = [&](const std::string& name, const std::string& cn) {
      return Run("req -x509 -config ca.cnf -extensions v3_ca" + newkey + " -keyout " + name +
                 ".key -out " + name + ".pem -subj \"/CN=" + cn + "\" -days 2");
    };
    // `issuer` signs a new key's request for `cn`.
    auto issued = [&](const std::string& name, const std::string& cn, const std::string& issuer,
                      const std::string& section, int serial, const std::string& days) {
      return Run("req -new -config ca.cnf" + newkey + " -keyout " + name + ".key -out " + name +
                 ".csr -subj \"/CN=" + cn + "\"") &&
             Run("x509 -req -in " + name + ".csr -CA " + issuer + ".pem -CAkey " + issuer +
                 ".key -set_serial " + std::to_string(serial) + " -days " + days +
                 " -extfile ca.cnf -extensions " + section + " -out " + name + ".pem");
    };
    const bool ok = self_signed("root", "Sahayak Test Root") &&
                    issued("inter", "Sahayak Test Intermediate", "root", "v3_ca", 2, "2") &&
                    issued("leaf", "localhost", "inter", "v3_leaf", 3, "2") &&
                    issued("expired", "localhost", "inter", "v3_leaf", 4, "-1") &&
                    self_signed("fake_inter", "Sahayak Test Intermediate") &&
                    issued("forged", "localhost", "fake_inter", "v3_leaf", 3, "2") &&
                    Run("x509 -in inter.pem -noout -ext subjectKeyIdentifier", "inter_ski.txt") &&
                    AddForgedAkiSection() &&
                    issued("forged_aki", "localhost", "fake_inter", "v3_forged_aki", 3, "2") &&
                    self_signed("other_root", "Sahayak Other Root") &&
                    issued("under_leaf", "localhost", "leaf", "v3_leaf", 5, "2");
    if (!ok) {
      setup_error_ =
          new std::string("making the test certificates failed:\n" + ReadAll(Path("openssl.log")));
    }
  }

  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
    delete skip_reason_;
    skip_reason_ = nullptr;
    delete setup_error_;
    setup_error_ = nullptr;
  }

  void SetUp() override {
    if (skip_reason_ != nullptr) GTEST_SKIP() << *skip_reason_;
    ASSERT_EQ(setup_error_, nullptr) << *setup_error_;
  }

  static std::string Path(const std::string& name) { return dir_->path() + "/" + name; }

  static std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }

  // Runs openssl in the folder; its output goes to openssl.log, or stdout to `out`.
  static bool Run(const std::string& args, const std::string& out = "") {
    const std::string redirect =
        out.empty() ? " >> openssl.log 2>&1" : " > " + out + " 2>> openssl.log";
    const std::string cmd = "cd '" + dir_->path() + "' && " + kOpenssl + " " + args + redirect;
    return std::system(cmd.c_str()) == 0;
  }

  // v3_forged_aki: a server certificate section whose authorityKeyIdentifier holds inter.pem's
  // 20-byte subject key identifier, which openssl printed as "    AB:CD:…" on its own line.
  static bool AddForgedAkiSection() {
    std::istringstream lines(ReadAll(Path("inter_ski.txt")));
    std::string line, ski;
    while (std::getline(lines, line)) {
      if (line.find("Identifier") == std::string::npos && !line.empty()) ski = line;
    }
    ski.erase(0, ski.find_first_not_of(' '));
    if (ski.size() != 20 * 3 - 1) return false;
    std::ofstream(Path("ca.cnf"), std::ios::app)
        << "[v3_forged_aki]\nbasicConstraints = critical,CA:FALSE\n"
        << "subjectAltName = IP:127.0.0.1,DNS:localhost\nsubjectKeyIdentifier = none\n"
        << "authorityKeyIdentifier = none\n2.5.29.35 = DER:30:16:80:14:" << ski << "\n";
    return true;
  }

  // The one certificate of <name>.pem.
  static std::shared_ptr<cert::X509Certificate> Cert(const std::string& name) {
    X509List certs = ParsePemCertificates(ReadAll(Path(name + ".pem")));
    EXPECT_EQ(certs.size(), 1u) << name;
    return certs.empty() ? nullptr : certs[0];
  }

  // What a server would send: its certificate first, then the issuers.
  static std::shared_ptr<cert::certificateChain> Chain(const std::vector<std::string>& names) {
    std::vector<std::shared_ptr<cert::certificate>> certs;
    for (const std::string& n : names) certs.push_back(Cert(n));
    return std::make_shared<cert::certificateChain>(certs);
  }

  static StrictCertificateVerifier Trusting(const std::vector<std::string>& names,
                                            const std::string& host = "127.0.0.1") {
    X509List trusted;
    for (const std::string& n : names) trusted.push_back(Cert(n));
    return StrictCertificateVerifier(trusted, host);
  }

  static inline sahayak::testing::TempDir* dir_ = nullptr;
  static inline std::string* skip_reason_ = nullptr;
  static inline std::string* setup_error_ = nullptr;
};

TEST_F(TlsTrustTest, GenuineChainIsAccepted) {
  EXPECT_NO_THROW(Trusting({"root"}, "127.0.0.1").verify(Chain({"leaf", "inter"}), "localhost"));
  EXPECT_NO_THROW(Trusting({"root"}, "localhost").verify(Chain({"leaf", "inter"}), "localhost"));
  EXPECT_NO_THROW(Trusting({"root"}, "LOCALHOST").verify(Chain({"leaf", "inter"}), "localhost"));
  // With the root sent too, and with the intermediate itself as the trust anchor.
  EXPECT_NO_THROW(Trusting({"root"}).verify(Chain({"leaf", "inter", "root"}), ""));
  EXPECT_NO_THROW(Trusting({"inter"}).verify(Chain({"leaf", "inter"}), ""));
  EXPECT_NO_THROW(Trusting({"inter"}).verify(Chain({"leaf"}), ""));
  // Among many trusted CAs, as with the system bundle.
  EXPECT_NO_THROW(Trusting({"other_root", "root"}).verify(Chain({"leaf", "inter"}), ""));
}

// The attack vmime's defaultCertificateVerifier lets through: a leaf signed by some other key
// that names the genuine intermediate as its issuer, sent with that genuine intermediate.
TEST_F(TlsTrustTest, ForgedLeafWithGenuineIntermediateIsRefused) {
  EXPECT_THROW(Trusting({"root"}).verify(Chain({"forged", "inter"}), "localhost"),
               cert::certificateIssuerVerificationException);
  EXPECT_THROW(Trusting({"root"}).verify(Chain({"forged", "inter", "root"}), "localhost"),
               cert::certificateIssuerVerificationException);
  EXPECT_THROW(Trusting({"root"}).verify(Chain({"forged_aki", "inter"}), "localhost"),
               cert::certificateIssuerVerificationException);
  EXPECT_THROW(Trusting({"inter"}).verify(Chain({"forged"}), "localhost"),
               cert::certificateNotTrustedException);
  // The forged certificate itself is well made: whoever trusts the forger's CA accepts it, so
  // the refusals above come from the signature check alone.
  EXPECT_NO_THROW(Trusting({"fake_inter"}).verify(Chain({"forged", "fake_inter"}), ""));
}

// Why tls_trust exists: if this starts failing after a vmime upgrade, vmime has fixed its
// verifier; StrictCertificateVerifier stays correct either way.
TEST_F(TlsTrustTest, VmimeDefaultVerifierAcceptsTheForgery) {
  cert::defaultCertificateVerifier vmime_default;
  vmime_default.setX509RootCAs({Cert("root")});
  EXPECT_NO_THROW(vmime_default.verify(Chain({"forged", "inter"}), "localhost"));
  EXPECT_NO_THROW(vmime_default.verify(Chain({"forged_aki", "inter"}), "localhost"));
}

TEST_F(TlsTrustTest, WrongHostNameIsRefused) {
  for (const char* host : {"mail.example.in", "127.0.0.2", "localhost.example.in", ""}) {
    EXPECT_THROW(Trusting({"root"}, host).verify(Chain({"leaf", "inter"}), "localhost"),
                 cert::serverIdentityException)
        << host;
  }
}

// vmime passes the reverse-DNS name of the peer; only the configured host counts.
TEST_F(TlsTrustTest, PeerNameFromVmimeIsIgnored) {
  EXPECT_THROW(Trusting({"root"}, "mail.example.in").verify(Chain({"leaf", "inter"}), "127.0.0.1"),
               cert::serverIdentityException);
}

TEST_F(TlsTrustTest, ExpiredLeafIsRefused) {
  EXPECT_THROW(Trusting({"root"}).verify(Chain({"expired", "inter"}), "localhost"),
               cert::certificateExpiredException);
  // Even when the expired certificate itself is the trusted one.
  EXPECT_THROW(Trusting({"expired"}).verify(Chain({"expired"}), "localhost"),
               cert::certificateExpiredException);
}

TEST_F(TlsTrustTest, UntrustedOrIncompleteChainIsRefused) {
  EXPECT_THROW(Trusting({"other_root"}).verify(Chain({"leaf", "inter"}), ""),
               cert::certificateNotTrustedException);
  EXPECT_THROW(Trusting({"other_root"}).verify(Chain({"leaf", "inter", "root"}), ""),
               cert::certificateNotTrustedException);
  // The intermediate is missing: the leaf is not signed by the root.
  EXPECT_THROW(Trusting({"root"}).verify(Chain({"leaf"}), ""),
               cert::certificateNotTrustedException);
  EXPECT_THROW(Trusting({"root"}).verify(Chain({}), ""), cert::certificateNotTrustedException);
  EXPECT_THROW(Trusting({"root"}).verify(nullptr, ""), cert::certificateNotTrustedException);
  // A certificate in the wrong order breaks the links.
  EXPECT_THROW(Trusting({"root"}).verify(Chain({"leaf", "other_root", "inter"}), ""),
               cert::certificateIssuerVerificationException);
}

// A leaf's key signs, and its certificate names the leaf as issuer, but the leaf is no CA.
TEST_F(TlsTrustTest, CertificateSignedByANonCaIsRefused) {
  EXPECT_THROW(Trusting({"root"}).verify(Chain({"under_leaf", "leaf", "inter"}), ""),
               cert::certificateIssuerVerificationException);
  EXPECT_THROW(Trusting({"leaf"}).verify(Chain({"under_leaf", "leaf"}), ""),
               cert::certificateIssuerVerificationException);
}

// Servers often send more than needed (a cross-signed root, an old expired one); once the
// chain reaches a trusted CA, what follows does not matter.
TEST_F(TlsTrustTest, CertificatesAfterTheTrustAnchorAreIgnored) {
  EXPECT_NO_THROW(Trusting({"root"}).verify(Chain({"leaf", "inter", "expired"}), ""));
  EXPECT_NO_THROW(Trusting({"root"}).verify(Chain({"leaf", "inter", "other_root"}), ""));
}

TEST_F(TlsTrustTest, ReadsEveryCertificateOfABundle) {
  const std::string bundle = Path("bundle.pem");
  std::ofstream(bundle) << "# test bundle\n"
                        << ReadAll(Path("root.pem"))
                        << "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n"
                           "-----END CERTIFICATE-----\n"
                        << ReadAll(Path("other_root.pem"));
  auto certs = ReadPemCertificates(bundle);
  ASSERT_TRUE(certs.ok()) << certs.status().ToString();
  ASSERT_EQ(certs->size(), 2u);  // the unreadable middle entry is skipped
  EXPECT_TRUE((*certs)[0]->equals(Cert("root")));
  EXPECT_TRUE((*certs)[1]->equals(Cert("other_root")));
}

TEST_F(TlsTrustTest, UnusableCaFileIsASettingsError) {
  const std::string missing = Path("missing.pem");
  auto r = ReadPemCertificates(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "ca_file: cannot read " + missing);
  ASSERT_EQ(r.status().fields().size(), 1u);
  EXPECT_EQ(r.status().fields()[0].field, "ca_file");

  const std::string key_only = Path("root.key");  // PEM, but no certificate
  r = ReadPemCertificates(key_only);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "ca_file: no PEM certificate in " + key_only);
  ASSERT_EQ(r.status().fields().size(), 1u);
  EXPECT_EQ(r.status().fields()[0].field, "ca_file");
}

TEST_F(TlsTrustTest, MakeCertificateVerifierFollowsTlsVerify) {
  auto strict = MakeCertificateVerifier(true, Path("root.pem"), "127.0.0.1");
  ASSERT_TRUE(strict.ok()) << strict.status().ToString();
  EXPECT_NO_THROW((*strict)->verify(Chain({"leaf", "inter"}), ""));
  EXPECT_THROW((*strict)->verify(Chain({"forged", "inter"}), ""),
               cert::certificateIssuerVerificationException);

  auto bad = MakeCertificateVerifier(true, Path("missing.pem"), "127.0.0.1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);

  // tls_verify = false: anything goes, forged and expired alike (documented as unsafe). The
  // CA file is not read.
  auto any = MakeCertificateVerifier(false, Path("missing.pem"), "127.0.0.1");
  ASSERT_TRUE(any.ok()) << any.status().ToString();
  EXPECT_NO_THROW((*any)->verify(Chain({"forged", "inter"}), ""));
  EXPECT_NO_THROW((*any)->verify(Chain({"expired"}), ""));
}

}  // namespace
}  // namespace sahayak::channels
