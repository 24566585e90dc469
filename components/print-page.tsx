import Link from 'next/link';
import { PrintButton } from '@/components/print-button';
import type { EvaluationStatus } from '@/db/schema';
import { STATUS_LABELS } from '@/lib/roles';
import type { ReactNode } from 'react';

/**
 * An evaluation's print page (自评表, 自评报告): the way back, the download of the same document
 * (`/api/evaluations/{id}/{file}`), print, the not-final mark, then the document.
 */
export function PrintPage({
  evaluation: { id, status },
  download: [file, label],
  children,
}: {
  evaluation: { id: number; status: EvaluationStatus };
  download: [file: string, label: string];
  children: ReactNode;
}) {
  return (
    <div className="print-page">
      <div className="page-head no-print">
        <p className="breadcrumb">
          <Link href={`/evaluations/${id}`}>← 返回自评</Link>（状态：{STATUS_LABELS[status]}）
        </p>
        <div className="button-row">
          <a className="button" href={`/api/evaluations/${id}/${file}`}>
            {label}
          </a>
          <PrintButton />
        </div>
      </div>
      {status !== 'finalized' && <p className="watermark">{STATUS_LABELS[status]}，尚未定稿</p>}
      {children}
    </div>
  );
}
