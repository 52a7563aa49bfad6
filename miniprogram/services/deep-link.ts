/**
 * Deep links (the official account's menu, a subscription message, a QR code): a page's query, with
 * `scene` (wxacode.getUnlimited's `a=1&b=2`, URL-encoded) unpacked into it; `patientId` makes that
 * patient current when the account has them bound (another account's id changes nothing).
 */
import { choosePatient, ensurePatients } from './patients';

/** The page's query with its `scene` parameters merged in (the query's own keys win). */
export function deepLinkQuery(query: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const scene = query.scene;
  if (scene) {
    let decoded = scene;
    try {
      decoded = decodeURIComponent(scene);
    } catch {
      // A malformed scene is read as it came.
    }
    for (const pair of decoded.split('&')) {
      const [k, v = ''] = pair.split('=');
      if (k) out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(query)) if (k !== 'scene' && v !== undefined) out[k] = decodeURIComponent(v);
  return out;
}

/** Lands on the link's patient, if bound to this account; answers whether the current patient is now that one. */
export async function landOnPatient(query: Record<string, string | undefined>): Promise<boolean> {
  const { patientId } = deepLinkQuery(query);
  if (!patientId) return false;
  const patients = await ensurePatients();
  return patients.ok && choosePatient(patientId);
}
