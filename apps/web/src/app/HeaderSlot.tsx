import { UserMenu } from '../features/auth/UserMenu';

/** Header items contributed by features (the signed-in user's menu, live status). */
export function HeaderSlot() {
  return <UserMenu />;
}
