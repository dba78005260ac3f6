#include "app/chat_notice_worker.h"

#include <spdlog/spdlog.h>

namespace sahayak::app {

ChatNoticeWorker::ChatNoticeWorker(services::Store& store,
                                   const services::ShipmentNotifier& notifier, Publish publish,
                                   ChatNoticeWorkerOptions options)
    : store_(store), notifier_(notifier), publish_(std::move(publish)), options_(options) {}

ChatNoticeWorker::~ChatNoticeWorker() { Stop(); }

void ChatNoticeWorker::Start() {
  loop_.Start([this] { return RunOnce(); }, options_.batch,
              [this] { return options_.poll_ms; });
}

void ChatNoticeWorker::Stop() { loop_.Stop(); }

void ChatNoticeWorker::Notify() { loop_.Notify(); }

int ChatNoticeWorker::RunOnce() {
  int handled = 0;
  std::vector<services::ChatEffects> posted;
  Status st = store_.Write([&](services::WriteTx& tx) -> Status {
    posted.clear();
    ASSIGN_OR_RETURN(handled, notifier_.PostDueChatNotices(tx, options_.batch, &posted));
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("chat notices: posting failed: {}", st.ToString());
    return 0;
  }
  // Committed: now the widgets may hear of it.
  if (publish_) {
    for (const auto& fx : posted) publish_(fx);
  }
  return handled;
}

}  // namespace sahayak::app
