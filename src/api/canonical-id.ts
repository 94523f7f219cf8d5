/**
 * The one spelling of a UUID. PostgreSQL reads `ABC…` and `abc…` as the same id, so anything keyed on an id
 * outside PostgreSQL (a rate-limit bucket, a cache entry) must key on this form, or each spelling of one
 * session would get a budget of its own.
 */
export function canonicalId(id: string): string {
  return id.toLowerCase()
}
