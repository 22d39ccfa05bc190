import { FileText, Highlighter, LineChart, RotateCcw, Trash2 } from 'lucide-react';
import type { ScreenProps } from '../shell/registry';
import { useAccess } from '../shell/access';
import { Button, EmptyState, Table, TableFrame, useConfirm } from '../ui';

const KIND = {
  note: ['Note', FileText],
  view: ['Chart', LineChart],
  annotations: ['Annotations', Highlighter],
} as const;

/**
 * The workspace's trash: restore, delete forever (admins), empty. Deleting
 * asks first and says that it cannot be undone.
 */
export default function TrashScreen({ state, actions }: ScreenProps) {
  const access = useAccess();
  const confirm = useConfirm();
  const owned = new Set([...state.activity].filter(([, a]) => a.ownerId).map(([id]) => id));
  const trashed = (state.index?.documents ?? [])
    .filter((d) => d.trashedAt !== null && !owned.has(d.id))
    .sort((a, b) => (b.trashedAt ?? 0) - (a.trashedAt ?? 0));
  const mayDelete = access.may('document.delete');
  const emptyAll = async () => {
    const ok = await confirm({
      title: 'Empty the trash?',
      description: `The ${trashed.length} document${trashed.length === 1 ? '' : 's'} in the trash will be deleted for everyone in this workspace. This cannot be undone.`,
      confirmLabel: 'Empty trash',
      destructive: true,
    });
    if (ok) await actions.docs.emptyTrash();
  };
  return (
    <div className="screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Trash</h1>
          <p className="muted">
            Documents moved to the trash stay here until an administrator deletes them.
          </p>
        </div>
        {mayDelete && trashed.length > 0 && (
          <Button variant="danger" icon={<Trash2 size={15} />} onClick={() => void emptyAll()}>
            Empty trash
          </Button>
        )}
      </header>
      {trashed.length === 0 ? (
        <EmptyState icon={<Trash2 size={28} />} title="The trash is empty">
          <p>Documents you move to the trash show up here, ready to be restored.</p>
        </EmptyState>
      ) : (
        <TableFrame>
          <Table aria-label="Documents in the trash">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Trashed</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {trashed.map((d) => {
                const [kind, Icon] = KIND[d.kind];
                const title = d.title || 'Untitled';
                return (
                  <tr key={d.id}>
                    <td>
                      <span className="cell-with-icon">
                        <Icon size={15} aria-hidden="true" />
                        {title}
                      </span>
                    </td>
                    <td className="muted">{kind}</td>
                    <td className="muted">{new Date(d.trashedAt!).toLocaleString()}</td>
                    <td className="cell-actions">
                      {access.may('document.trash', d.createdBy) && (
                        <Button
                          size="sm"
                          icon={<RotateCcw size={14} />}
                          aria-label={`Restore ${title}`}
                          onClick={() => void actions.docs.restore(d.id)}
                        >
                          Restore
                        </Button>
                      )}
                      {mayDelete && (
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Delete ${title} forever`}
                          onClick={async () => {
                            const ok = await confirm({
                              title: `Delete “${title}” forever?`,
                              description:
                                'It will be removed for everyone in this workspace. This cannot be undone.',
                              confirmLabel: 'Delete forever',
                              destructive: true,
                            });
                            if (ok) await actions.docs.deleteForever(d.id);
                          }}
                        >
                          Delete forever
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </TableFrame>
      )}
    </div>
  );
}
