// Custom-field values between the API (string, number, boolean, null) and the sidebar's
// inputs (strings for text, date and dropdown; a number or "" for numbers; a boolean for
// checkboxes), and the words for the server's reasons to refuse one.
import type { CustomField } from '../../api/ticketExtra';
import type { CustomFieldValue } from '../../api/types';

export type FieldInput = string | number | boolean;

export function fromFieldValue(def: Pick<CustomField, 'type'>, value: CustomFieldValue): FieldInput {
  switch (def.type) {
    case 'checkbox':
      return value === true;
    case 'number':
      return typeof value === 'number' ? value : value === null ? '' : String(value);
    default:
      return value === null ? '' : String(value);
  }
}

/** The value to send; an emptied input clears the field (null). */
export function toFieldValue(def: Pick<CustomField, 'type'>, input: FieldInput): CustomFieldValue {
  switch (def.type) {
    case 'checkbox':
      return input === true;
    case 'number': {
      if (input === '' || input === null) {
        return null;
      }
      const n = typeof input === 'number' ? input : Number(String(input).trim());
      return Number.isFinite(n) ? n : String(input);
    }
    default: {
      const s = String(input);
      return s.trim() === '' ? null : s;
    }
  }
}

/** The catalogue key for the server's message about one custom field (its English words). */
export function customFieldErrorKey(message: string): string {
  if (message.includes('required')) return 'customFields.errors.required';
  if (message.includes('number')) return 'customFields.errors.number';
  if (message.includes('date')) return 'customFields.errors.date';
  if (message.includes('option')) return 'customFields.errors.option';
  if (message.includes('true or false')) return 'customFields.errors.checkbox';
  if (message.includes('too long')) return 'customFields.errors.tooLong';
  if (message.includes('not a custom field')) return 'customFields.errors.inactive';
  return 'customFields.errors.invalid';
}
