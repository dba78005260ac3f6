#pragma once

// Posts shipment notices into customers' live chats (docs/shipments.md, "By live chat").
//
// The notifier decides a chat notice inside the tracking ingest's transaction and queues it
// there (a shipment_notices row with outcome "chatted" and no seq yet), as it queues a mail in
// the mail outbox; it then wakes this worker. One thread runs
// ShipmentNotifier::PostDueChatNotices through the store's writer — the message, its ticket
// line and the notice's seq commit together — and after the commit hands what was posted to
// `publish` (the chat hub), so a widget watching the conversation shows the notice at once.
// Notices that waited for quiet hours to end are found by the poll (every poll_ms).
//
// Crash safety: a queued notice stays queued until the transaction that posts it commits; a
// restarted server posts what is due. A notice is posted once (its seq is recorded with it, and
// its message carries the client_id "shipment-notice:<id>", which a conversation stores once).
//
// Thread-safety: Start, Stop and Notify may be called from any thread; RunOnce is for tests and
// the worker thread (not concurrently with a started worker).

#include <functional>
#include <vector>

#include "app/worker_loop.h"
#include "base/clock.h"
#include "services/chat/chat_service.h"
#include "services/shipments/shipment_notifier.h"
#include "services/store.h"

namespace sahayak::app {

struct ChatNoticeWorkerOptions {
  Millis poll_ms = 5000;  // a look for notices whose quiet hours ended
  int batch = 100;
};

class ChatNoticeWorker {
 public:
  using Publish = std::function<void(const services::ChatEffects&)>;

  ChatNoticeWorker(services::Store& store, const services::ShipmentNotifier& notifier,
                   Publish publish, ChatNoticeWorkerOptions options = {});
  ~ChatNoticeWorker();  // Stop()
  ChatNoticeWorker(const ChatNoticeWorker&) = delete;
  ChatNoticeWorker& operator=(const ChatNoticeWorker&) = delete;

  void Start();
  // Finishes the round in progress, then returns. Idempotent.
  void Stop();
  // Look for due notices now (after one was queued).
  void Notify();

  // Posts the notices due now (at most a batch) and publishes them; how many were handled (0
  // when the write failed: it is tried again on the next round).
  int RunOnce();

 private:
  services::Store& store_;
  const services::ShipmentNotifier& notifier_;
  Publish publish_;
  ChatNoticeWorkerOptions options_;
  WorkerLoop loop_;  // last: stopped before the members its thread uses
};

}  // namespace sahayak::app
