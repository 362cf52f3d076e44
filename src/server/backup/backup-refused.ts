// A backup or restore that was refused or failed for a reason the operator can act on: the
// commands print its message alone (no stack) and exit 1.
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}
