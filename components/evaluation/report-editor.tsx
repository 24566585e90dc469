'use client';

import { TEXT_LIMITS, type EvaluationDraft } from '@/lib/evaluations/form-schema';
import type { ReportSection } from '@/lib/reports/report-model';
import { LimitedText } from './limited-text';

/** Where the report is read whole: the print view and the Word file. */
export function ReportLinks({ evaluationId }: { evaluationId: number }) {
  return (
    <div className="button-row no-print">
      <a className="button" href={`/evaluations/${evaluationId}/report`}>
        自评报告（打印 / 预览）
      </a>
      <a className="button" href={`/api/evaluations/${evaluationId}/report.docx`}>
        下载 Word
      </a>
    </div>
  );
}

/**
 * The 自评报告 tab of the owner's form: the drafted text of each section (from what is saved), and a
 * text box for each section the owner writes, saved with the draft by the same 保存草稿.
 */
export function ReportEditor({ evaluationId, sections }: { evaluationId: number; sections: ReportSection[] }) {
  return (
    <section className="card report-editor" aria-label="自评报告">
      <ReportLinks evaluationId={evaluationId} />
      <p className="muted">
        灰色文字根据已保存的填报数据自动生成（保存草稿并刷新页面后更新）；方框内由您填写，与草稿一起保存。
      </p>
      {sections.map((section) => (
        <div key={section.heading}>
          <h2>{section.heading}</h2>
          {section.parts.map((part, i) => (
            <div key={i} className="report-part">
              {part.heading && <h3>{part.heading}</h3>}
              {part.paragraphs.map((text, j) => (
                <p key={j} className="prose muted drafted">
                  {text}
                </p>
              ))}
              {part.free && (
                <div className="field">
                  <span>{part.free.label}</span>
                  <LimitedText<EvaluationDraft>
                    name={`report.${part.free.key}`}
                    max={TEXT_LIMITS.report}
                    label={`自评报告 ${part.free.label}`}
                    placeholder={part.free.hint}
                    rows={5}
                  />
                </div>
              )}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
