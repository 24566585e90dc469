import 'server-only';
import type { EvaluationBundle } from '@/db/queries/evaluations';
import { shownProject } from '@/lib/evaluations/frozen';
import { evidenceRows, rowKey } from '@/lib/evidence/rows';
import type { EvidenceStorage } from '@/lib/evidence/storage';
import { buildSelfEvaluationWorkbook, selfEvaluationFileName } from './workbooks';
import type { ZipEntry } from './zip';

/** Finance's own review evidence sits in a subfolder of its row, apart from the owner's. */
export const REVIEW_FOLDER = '财政复核';

/**
 * `GET /api/evaluations/{id}/bundle.zip`: the 自评表 workbook, then every attachment in its row's folder
 * (`01-委托专业机构检查企业家数/合同.pdf`, then 预算执行, 年度总体目标, 整体), each file opened only when the
 * archive reaches it.
 */
export async function* evidenceBundleEntries(
  bundle: EvaluationBundle,
  storage: EvidenceStorage,
): AsyncGenerator<ZipEntry> {
  yield { path: [selfEvaluationFileName(bundle)], data: await buildSelfEvaluationWorkbook(bundle) };
  for (const row of evidenceRows(bundle.indicators)) {
    for (const attachment of bundle.attachments.filter((a) => rowKey(a) === row.key)) {
      const data = await storage.get(attachment.sha256);
      if (!data) {
        console.error(`evidence file missing from a bundle: attachment ${attachment.id}, sha256 ${attachment.sha256}`);
        continue;
      }
      const folders = attachment.purpose === 'review' ? [row.folder, REVIEW_FOLDER] : [row.folder];
      yield { path: [...folders, attachment.name], data, mtime: attachment.uploadedAt };
    }
  }
}

export function bundleFileName(bundle: EvaluationBundle): string {
  const project = shownProject(bundle);
  return `绩效自评材料-${project.year}-${project.name}.zip`;
}
