/** The payment engine: ledger, WeChat Pay port, engine, reconciliation, views (docs/architecture.md#payments). */
export * from './config';
export * from './ledger';
export * from './wxpay';
export * from './engine';
export * from './reconcile';
export * from './view';
export * from './cloud';
