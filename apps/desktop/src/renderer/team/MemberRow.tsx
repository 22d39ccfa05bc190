import type { Role } from '@fieldbook/shared';
import { KeyRound, UserMinus } from 'lucide-react';
import { userColor } from '../session/session';
import { Avatar, Badge, Button, Select, Switch, useConfirm } from '../ui';
import type { Member } from './teamApi';
import { lostByDemotion, ROLE_LABEL, ROLE_OPTIONS, sinceText } from './teamText';

/**
 * One member's row: who, role, operator capability, last active; admins
 * change or remove; the organization's administrators issue a reset link.
 */
export function MemberRow({
  member,
  isYou,
  manage,
  workspaceName,
  onChange,
  onRemove,
  onResetPassword,
}: {
  member: Member;
  isYou: boolean;
  manage: boolean;
  workspaceName: string;
  onChange: (grant: Pick<Member, 'role' | 'capabilities'>) => Promise<void>;
  onRemove: () => Promise<void>;
  /** Given when the viewer may issue this member a password-reset link. */
  onResetPassword?: () => void;
}) {
  const confirm = useConfirm();
  const name = member.name ?? member.email ?? 'Unknown';
  const operator = member.capabilities.includes('operator');
  const editable = manage && !isYou;

  const changeRole = async (role: Role) => {
    const lost = lostByDemotion(member.role, role);
    if (lost.length > 0) {
      const ok = await confirm({
        title: `Make ${name} a ${ROLE_LABEL[role].toLowerCase()}?`,
        description: `${name} will no longer be able to ${lost.join(', nor ')}. Open editors follow at once.`,
        confirmLabel: `Make ${ROLE_LABEL[role].toLowerCase()}`,
      });
      if (!ok) return;
    }
    await onChange({ role, capabilities: member.capabilities });
  };
  const setOperator = async (on: boolean) => {
    if (!on) {
      const ok = await confirm({
        title: `Remove ${name}’s operator capability?`,
        description: `${name} will no longer be able to send commands to instruments or approve them.`,
        confirmLabel: 'Remove capability',
      });
      if (!ok) return;
    }
    await onChange({ role: member.role, capabilities: on ? ['operator'] : [] });
  };
  const remove = async () => {
    const ok = await confirm({
      title: `Remove ${name} from ${workspaceName}?`,
      description: `${name} loses access to every note, chart and annotation in ${workspaceName} at once, and their open editors stop syncing. What they wrote stays, credited to them. You can invite them again later.`,
      confirmLabel: 'Remove member',
      destructive: true,
    });
    if (ok) await onRemove();
  };

  return (
    <tr data-testid={`member-${member.email ?? member.userId}`}>
      <td>
        <span className="member-cell">
          <Avatar name={name} color={userColor(member.userId)} size={28} />
          <span>
            <span className="member-cell__name">
              {name}
              {isYou && <Badge>You</Badge>}
            </span>
            {member.email && <span className="cell-detail">{member.email}</span>}
          </span>
        </span>
      </td>
      <td>
        {editable ? (
          <Select
            size="sm"
            aria-label={`Role of ${name}`}
            value={member.role}
            onValueChange={(v) => void changeRole(v as Role)}
            options={ROLE_OPTIONS}
          />
        ) : (
          <Badge tone={member.role === 'admin' ? 'accent' : 'neutral'}>
            {ROLE_LABEL[member.role]}
          </Badge>
        )}
      </td>
      <td>
        {editable ? (
          <Switch
            checked={operator}
            onCheckedChange={(on) => void setOperator(on)}
            label={<span className="visually-hidden">Operator capability of {name}</span>}
          />
        ) : (
          <span className="muted">{operator ? 'Operator' : '—'}</span>
        )}
      </td>
      <td className="muted">{sinceText(member.lastActiveAt)}</td>
      <td className="cell-actions">
        {onResetPassword && !isYou && (
          <Button
            size="sm"
            variant="ghost"
            icon={<KeyRound size={15} />}
            onClick={onResetPassword}
            aria-label={`Reset password of ${name}`}
          >
            Reset password
          </Button>
        )}
        {editable && (
          <Button
            size="sm"
            variant="ghost"
            icon={<UserMinus size={15} />}
            onClick={() => void remove()}
            aria-label={`Remove ${name}`}
          >
            Remove
          </Button>
        )}
      </td>
    </tr>
  );
}
