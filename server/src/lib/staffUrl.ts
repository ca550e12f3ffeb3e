import { services } from '../services';

/**
 * The staff page's address of an application (员工端 /admin/applications/:id) under PUBLIC_URL:
 * the dispatch sheet's QR code holds it, so scanning the paper on a phone opens the application
 * (after the staff login, which returns to it).
 */
export function staffApplicationUrl(id: number): string {
  return `${services().config.publicUrl.replace(/\/$/, '')}/admin/applications/${id}`;
}
