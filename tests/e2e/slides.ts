import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Saves the view shown under `title`, makes a briefing of it alone named `briefing`, and presents it:
 * the slide is on screen when this returns.
 */
export async function presentViewAsSlide(page: Page, title: string, briefing: string): Promise<void> {
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByRole('status').filter({ hasText: `View “${title}” saved.` })).toBeVisible();
  await page.getByRole('link', { name: 'Briefings' }).click();
  await page.getByRole('checkbox', { name: `Choose ${title} for a new briefing` }).check();
  await page.getByRole('textbox', { name: 'Name of a new briefing' }).fill(briefing);
  await page.getByRole('button', { name: 'Create briefing from 1 view' }).click();
  await page.getByRole('button', { name: /Present/ }).click();
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 1');
}
