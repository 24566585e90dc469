'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { drawSpotCheckAction } from '@/app/(app)/admin/spot-checks/actions';
import { FieldMessage, FormBanner, useServerFeedback } from '@/components/form-feedback';
import { callAction } from '@/lib/action-state';

/** The 抽查复核 draw: how many (count or percent), stratified, weighted, and an optional seed. */
export function DrawSpotCheckForm({ year }: { year: number }) {
  const router = useRouter();
  const [mode, setMode] = useState<'count' | 'percent'>('percent');
  const [amount, setAmount] = useState('10');
  const [stratified, setStratified] = useState(false);
  const [weighted, setWeighted] = useState(false);
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const { banner, fieldErrors, show } = useServerFeedback();

  const draw = async () => {
    setBusy(true);
    try {
      const state = await callAction(drawSpotCheckAction, {
        year,
        mode,
        amount: Number(amount),
        stratified,
        weighted,
        seed,
      });
      if (!show(state) || !state.ok) return;
      router.push(`/admin/spot-checks?year=${year}&check=${state.data.spotCheckId}`);
      router.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label="抽取样本">
      <h2>抽取样本</h2>
      <div className="button-row">
        <label className="field inline-field">
          <span>方式</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as 'count' | 'percent')}>
            <option value="percent">按比例（%）</option>
            <option value="count">按数量（项）</option>
          </select>
        </label>
        <label className="field inline-field">
          <span>{mode === 'percent' ? '比例（%）' : '数量（项）'}</span>
          <input inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
        <label className="field inline-field">
          <span>随机种子（留空则自动生成）</span>
          <input value={seed} maxLength={64} onChange={(e) => setSeed(e.target.value)} />
        </label>
      </div>
      <FieldMessage message={fieldErrors.amount ?? fieldErrors.seed} />
      <div className="button-row">
        <label>
          <input type="checkbox" checked={stratified} onChange={(e) => setStratified(e.target.checked)} /> 按部门分层
        </label>
        <label>
          <input type="checkbox" checked={weighted} onChange={(e) => setWeighted(e.target.checked)} /> 按预算加权
        </label>
        <button type="button" className="button primary" disabled={busy} onClick={() => void draw()}>
          {busy ? '正在抽取…' : '抽取'}
        </button>
      </div>
      <FormBanner banner={banner} />
    </section>
  );
}
