/**
 * For tests that look a message up by key: each language's two catalogue parts in one table. The app
 * loads the parts on their own (src/i18n/index.ts); nothing in it imports this module.
 */
import { en as enFirst } from './en';
import { enMore } from './en.more';
import { zhCN as zhFirst } from './zh-CN';
import { zhCNMore } from './zh-CN.more';

export const en = { ...enFirst, ...enMore };
export const zhCN = { ...zhFirst, ...zhCNMore };
