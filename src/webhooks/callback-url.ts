import { isIP } from 'node:net'
import { isForbiddenAddress } from './forbidden-addresses.ts'

/** A callback URL's longest accepted length. */
export const CALLBACK_URL_MAX_LENGTH = 2048

/** The hosts exempt from the address checks, from WEBHOOK_ALLOW_HOSTS (lower-cased, IPv6 without brackets). */
export function parseAllowHosts(setting: string): Set<string> {
  return new Set(
    setting
      .split(',')
      .map((host) => hostOf(host.trim().toLowerCase()))
      .filter((host) => host !== ''),
  )
}

/** A URL's hostname as addresses are compared: IPv6 literals lose their brackets. */
export function hostOf(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
}

/**
 * Why a callback URL is refused when the run is asked for, or null when it is accepted: it must be an absolute
 * http(s) URL without credentials, and its host, when an IP address, must not be a forbidden one. A host name is
 * resolved only at delivery (its addresses may change meanwhile), and checked again then.
 */
export function callbackUrlProblem(raw: string, allowHosts: ReadonlySet<string>): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not an absolute URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL'
  if (url.username !== '' || url.password !== '') return 'must not carry credentials'
  const host = hostOf(url.hostname)
  if (host === '') return 'has no host'
  if (allowHosts.has(host)) return null
  if (isIP(host) !== 0 && isForbiddenAddress(host)) {
    return 'points at a loopback, private, link-local, multicast or metadata address'
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'points at this machine (localhost)'
  return null
}
