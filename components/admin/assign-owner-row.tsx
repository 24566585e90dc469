'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { assignProjectOwnerAction } from '@/app/(app)/admin/users/actions';
import { FormBanner, useServerFeedback } from '@/components/form-feedback';
import { Options } from '@/components/options';
import { callAction } from '@/lib/action-state';
import styles from './admin.module.css';

export interface OwnerOption {
  id: number;
  label: string;
}

/** One project's owner picker; each row saves on its own so a refusal names exactly one project. */
export function AssignOwnerRow({
  projectId,
  version,
  projectName,
  ownerId,
  options,
  locked,
}: {
  projectId: number;
  /** The project's version when the page was rendered: a change since then is a conflict. */
  version: number;
  projectName: string;
  ownerId: number | null;
  options: OwnerOption[];
  locked: string | null;
}) {
  const router = useRouter();
  // A deactivated or moved owner is not among the options: the picker then starts empty.
  const currentListed = options.some((o) => o.id === ownerId);
  const [selected, setSelected] = useState(currentListed ? String(ownerId) : '');
  const [busy, setBusy] = useState(false);
  const { banner, show } = useServerFeedback();

  if (locked) return <span className="muted">{locked}</span>;
  if (options.length === 0) return <span className="muted">该部门没有启用的项目负责人，请先新建用户</span>;

  const save = async () => {
    setBusy(true);
    try {
      if (show(await callAction(assignProjectOwnerAction, { projectId, version, ownerId: selected }))) router.refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={styles.stack}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className={styles.inline}>
        <select aria-label={`${projectName} 项目负责人`} value={selected} onChange={(e) => setSelected(e.target.value)}>
          {!currentListed && <option value="">请选择项目负责人</option>}
          <Options items={options} value={(o) => String(o.id)} label={(o) => o.label} />
        </select>
        <button
          type="submit"
          className="button"
          disabled={busy || selected === '' || (currentListed && selected === String(ownerId))}
          aria-label={`保存 ${projectName} 的项目负责人`}
        >
          保存
        </button>
      </div>
      <FormBanner banner={banner} />
    </form>
  );
}
