'use client';

export function PrintButton({ label = '打印 / 另存为 PDF' }: { label?: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
