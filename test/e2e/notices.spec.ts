// A config.json damaged under a running `wxdesk serve`: the dashboard says so, names where the
// damaged copy is kept, and goes on showing the accounts serve still holds.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('a damaged config.json is shown as a notice with the kept copy, and the account stays', async ({ dashboard, wxdesk }) => {
  const { page } = dashboard;
  await dashboard.open();
  const { label } = await dashboard.seed({ label: 'survives damage' });
  await expect(page.getByRole('button', { name: new RegExp(label) }).first()).toBeVisible();
  // The first token is written to config.json by an atomic rename: damaging the file before that
  // write lands would see the damage replaced by serve's own file. The countdown shows once it has.
  await expect(page.getByRole('tabpanel', { name: 'Token' }).getByRole('timer')).toBeVisible();

  writeFileSync(join(wxdesk.dataDir, 'config.json'), '{"accounts": {"wx');
  const notice = page.getByRole('alert', { name: 'A data file was damaged' });
  await expect(notice).toBeVisible({ timeout: 10_000 });
  const kept = readdirSync(wxdesk.dataDir).filter((f) => f.startsWith('config.json.damaged-'));
  expect(kept).toHaveLength(1);
  await expect(notice).toContainText(join(wxdesk.dataDir, kept[0]!));
  await expect(notice).toContainText('nothing was lost');
  await expect(page.getByRole('button', { name: new RegExp(label) }).first()).toBeVisible();
});
