/** What the audit log shows instead of a password or its hash: only the fact that it changed. */
export const PASSWORD_RESET_MARK = '已重置';

export const ACTIVE_LABELS = { true: '启用', false: '停用' } as const;
export const activeLabel = (active: boolean) => (active ? ACTIVE_LABELS.true : ACTIVE_LABELS.false);
