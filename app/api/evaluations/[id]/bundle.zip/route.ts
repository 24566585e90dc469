import { evaluationRoute } from '@/lib/auth/api';
import { evidenceStorage } from '@/lib/evidence/store';
import { downloadHeaders } from '@/lib/exports/download';
import { bundleFileName, evidenceBundleEntries } from '@/lib/exports/evidence-bundle';
import { zipWebStream } from '@/lib/exports/zip';

export const dynamic = 'force-dynamic';

/** The 自评表 workbook and the evidence, one folder per row, streamed as it is written. */
export const GET = evaluationRoute(({ bundle }) => {
  const entries = evidenceBundleEntries(bundle, evidenceStorage());
  return new Response(zipWebStream(entries), {
    headers: downloadHeaders({
      fileName: bundleFileName(bundle),
      asciiFallback: `evaluation-${bundle.evaluation.id}.zip`,
      contentType: 'application/zip',
    }),
  });
});
