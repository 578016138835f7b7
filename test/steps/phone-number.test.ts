import { expect } from '@open-wc/testing';
import { CALLING_CODES, defaultCountry, fromE164, toE164 } from '../../src/twofa-step-sms/phone-number.js';

describe('phone-number', () => {
  describe('defaultCountry', () => {
    it('takes the region of the language tag when the picker has it', () => {
      expect(defaultCountry('sv-FI')).to.equal('FI');
      expect(defaultCountry('en-GB')).to.equal('GB');
      expect(defaultCountry('en_us')).to.equal('US');
      expect(defaultCountry('nb-NO')).to.equal('NO');
    });

    it("falls back to the language's home country", () => {
      expect(defaultCountry('nb')).to.equal('NO');
      expect(defaultCountry('nn')).to.equal('NO');
      expect(defaultCountry('no')).to.equal('NO');
      expect(defaultCountry('sv')).to.equal('SE');
      expect(defaultCountry('da')).to.equal('DK');
      expect(defaultCountry('fi')).to.equal('FI');
      expect(defaultCountry('IS')).to.equal('IS');
    });

    it('ignores regions the picker does not list, and script subtags', () => {
      expect(defaultCountry('sv-AX')).to.equal('SE');
      expect(defaultCountry('sv-Latn')).to.equal('SE');
    });

    it('defaults to Norway for anything else', () => {
      expect(defaultCountry('en')).to.equal('NO');
      expect(defaultCountry('')).to.equal('NO');
    });
  });

  describe('toE164', () => {
    it('prefixes the picked country code to a national number, without separators', () => {
      expect(toE164('NO', '912 34 567')).to.equal('+4791234567');
      expect(toE164('NO', '912-34-567')).to.equal('+4791234567');
      expect(toE164('GB', '(07700) 900.123')).to.equal('+447700900123');
      expect(toE164('NO', '912\u00a034\u00a0567')).to.equal('+4791234567');
    });

    it('drops one trunk 0', () => {
      expect(toE164('SE', '070-123 45 67')).to.equal('+46701234567');
      expect(toE164('DE', '0151 23456789')).to.equal('+4915123456789');
    });

    it('lets a typed + or 00 prefix win over the picker', () => {
      expect(toE164('NO', '+46 70 123 45 67')).to.equal('+46701234567');
      expect(toE164('NO', '0046 70 123 45 67')).to.equal('+46701234567');
    });

    it('refuses what is not a phone number', () => {
      expect(toE164('NO', '12')).to.be.null;
      expect(toE164('NO', 'abc')).to.be.null;
      expect(toE164('NO', '9123456a')).to.be.null;
      expect(toE164('NO', '+0 123 45 678')).to.be.null;
      expect(toE164('NO', '+47 1234 5678 9012 3456')).to.be.null; // more than 15 digits
      expect(toE164('NO', '')).to.be.null;
      expect(toE164('NO', '+')).to.be.null;
    });

    it('accepts the international formats people type and paste, whatever the picker says', () => {
      const formats: Array<[string, string]> = [
        ['+47 912 34 567', '+4791234567'],
        ['+1 (415) 555-2671', '+14155552671'],
        ['0047 912 34 567', '+4791234567'],
        ['+44 7700 900123', '+447700900123'],
        ['+358 40 123 4567', '+358401234567'],
        ['+47.912.34.567', '+4791234567'],
        ['  +47 912 34 567  ', '+4791234567'],
        ['+47\u202f912\u202f34\u202f567', '+4791234567'], // narrow no-break spaces
        ['+47 912\u201334\u2013567', '+4791234567'], // en dashes, as word processors write them
        ['+49 (0)151 23456789', '+4915123456789'], // the trunk 0 in parentheses is not dialled
        ['+44 (0) 7700 900123', '+447700900123'],
      ];
      for (const [typed, e164] of formats) expect(toE164('SE', typed), JSON.stringify(typed)).to.equal(e164);
      expect(toE164('NO', '912\u201134\u2011567'), 'non-breaking hyphens').to.equal('+4791234567');
      expect(toE164('US', '(415) 555-2671')).to.equal('+14155552671');
    });

    it('refuses more that is not a mobile number', () => {
      for (const typed of ['++47 912 34 567', '+47 912 34 567 ext 12', '112', '0', '00', 'tel:+4791234567', '<img src=x>', '😀', '+47 9l2 34 567']) {
        expect(toE164('NO', typed), JSON.stringify(typed)).to.be.null;
      }
    });

    it('accepts 7 to 15 digits after the +', () => {
      expect(toE164('NO', '+1234567')).to.equal('+1234567');
      expect(toE164('NO', '+123456789012345')).to.equal('+123456789012345');
      expect(toE164('NO', '+123456')).to.be.null;
    });
  });

  describe('fromE164', () => {
    it('splits a number into its country and national part', () => {
      expect(fromE164('+4791234567', 'SE')).to.deep.equal({ country: 'NO', national: '91234567' });
      expect(fromE164('+46701234567', 'NO')).to.deep.equal({ country: 'SE', national: '701234567' });
    });

    it('prefers the longest matching code (+358 is Finland, not +35…)', () => {
      expect(fromE164('+358401234567', 'NO')).to.deep.equal({ country: 'FI', national: '401234567' });
      expect(fromE164('+3725123456', 'NO')).to.deep.equal({ country: 'EE', national: '5123456' });
    });

    it('keeps the preferred country among those sharing a code (+1)', () => {
      expect(fromE164('+16135550123', 'CA')).to.deep.equal({ country: 'CA', national: '6135550123' });
      expect(fromE164('+12025550123', 'US')).to.deep.equal({ country: 'US', national: '2025550123' });
      expect(fromE164('+12025550123', 'NO').national).to.equal('2025550123');
    });

    it('keeps the preferred country and the whole number when no code matches', () => {
      expect(fromE164('+8613812345678', 'NO')).to.deep.equal({ country: 'NO', national: '+8613812345678' });
    });

    it('round-trips with toE164 for every listed country', () => {
      for (const region of Object.keys(CALLING_CODES)) {
        const phone = toE164(region, '5123456');
        expect(phone, region).to.be.a('string');
        const { country, national } = fromE164(phone!, region);
        expect(country, region).to.equal(region);
        expect(toE164(country, national), region).to.equal(phone);
      }
    });
  });
});
