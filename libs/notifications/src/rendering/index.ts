export * from './contract';
export { formatDateTime, formatDay, formatMoney } from './format';
export { INITIATIVE_STATUS_LABELS, MODERATION_REASON_LABELS, PROJECT_STATUS_LABELS } from './labels';
export { eventUrl, MailRenderer } from './mail-renderer';
export { findTemplatesDir } from './template-files';
