-- Live chat figures (docs/analytics.md) count the chats started in a period: find them by
-- workspace and start time instead of reading every chat the workspace ever had.
CREATE INDEX chat_conversations_started ON chat_conversations (workspace_id, created_at);
