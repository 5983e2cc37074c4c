/** What a row menu asks to do with a setup record, after a confirmation. */
export type RecordAction = 'deactivate' | 'reactivate' | 'delete';

export interface RecordActionRequest<T> {
  action: RecordAction;
  record: T;
}
