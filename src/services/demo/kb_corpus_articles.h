#pragma once

#include "services/demo/kb_corpus.h"

// Private to kb_corpus*.cc: one function per demo article, grouped by the file that holds its
// text. Each returns a fresh value; DemoKnowledgeBase() calls each once.
namespace sahayak::services::demo::kb_articles {

// kb_corpus_shipping.cc
DemoKbArticle TrackingParcel();
DemoKbArticle DeliveryWindows();
DemoKbArticle CustomsDocuments();
DemoKbArticle NdrEscalation();  // internal

// kb_corpus_customs.cc
DemoKbArticle ExporterKyc();
DemoKbArticle HsCodes();

// kb_corpus_returns.cc
DemoKbArticle ReturnsRefunds();
DemoKbArticle CodDisputes();
DemoKbArticle LostParcelClaim();  // internal

// kb_corpus_billing.cc
DemoKbArticle InvoicesPayments();
DemoKbArticle ContractRenewal();

}  // namespace sahayak::services::demo::kb_articles
