import type { AppContext } from '../../app-context';
import type { Module } from '../module';
import { registerContactsAudienceTables } from './contacts.privacy';

/** Builds the contacts module: contacts, tags and segments (issue 14). */
export function createContactsModule(ctx: AppContext): Module {
  void ctx;
  registerContactsAudienceTables();
  return { name: 'contacts' };
}
