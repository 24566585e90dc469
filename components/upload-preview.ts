'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useServerFeedback } from '@/components/form-feedback';
import type { ActionState } from '@/lib/action-state';
import { fileToBase64 } from '@/lib/file-base64';

export interface ChosenFile {
  fileName: string;
  content: string;
}

/**
 * An upload that is previewed before it is applied (the entry workbook, the treasury figures): the
 * file is read and sent for a preview; confirming sends it again with the preview's digest, so only
 * what was shown is applied; cancelling changes nothing. The panels only draw what this holds.
 */
export function useUploadPreview<P extends { digest: string }>({
  preview: previewOf,
  confirm,
}: {
  preview: (file: ChosenFile) => Promise<ActionState<P>>;
  confirm: (file: ChosenFile & { digest: string }) => Promise<ActionState<unknown>>;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<null | 'preview' | 'confirm'>(null);
  const [upload, setUpload] = useState<ChosenFile | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const feedback = useServerFeedback();
  const { show, clear, setBanner } = feedback;

  const reset = () => {
    setPreview(null);
    setUpload(null);
    if (input.current) input.current.value = '';
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy('preview');
    clear();
    setPreview(null);
    try {
      const chosen = { fileName: file.name, content: await fileToBase64(file) };
      const state = await previewOf(chosen);
      if (!state.ok) return void show(state);
      setUpload(chosen);
      setPreview(state.data);
    } finally {
      setBusy(null);
    }
  };

  const onConfirm = async () => {
    if (!upload || !preview) return;
    setBusy('confirm');
    try {
      const state = await confirm({ ...upload, digest: preview.digest });
      if (!show(state)) return;
      reset();
      router.refresh();
    } finally {
      setBusy(null);
    }
  };

  const onCancel = () => {
    reset();
    setBanner({ kind: 'ok', text: '已取消导入，未做任何修改。' });
  };

  return { ...feedback, input, busy, preview, reset, onFile, onConfirm, onCancel };
}
