/**
 * The values of EDEXLandType (EDEXML.types.variabel.xsd, 2017-02-17): ISO 3166 codes plus
 * the historic and local codes the standard keeps (YO, JH, GZ, OK, TB, …) and '?' for
 * unknown. Used only to validate <land>, <land_vader> and <land_moeder>, which Leerpoort
 * does not store.
 */
export const edexLandCodes: ReadonlySet<string> = new Set(
  ('? NL AF AX AL DZ VI AS AD AO AI AQ AG AR AM AW AU AZ BS BH BD BB BE BZ BJ BM BT MM BF BI BO BA ' +
  'BW BR VG BN BG KH CA CF CL CN CX CC CO CG CD CK CR CU CY DK DJ DM DO DE EC EG SV GB GQ ER EE ET ' +
  'FO FK FJ PH FI FR GF PF FX TF GA GM GZ GE GH GI GD GR GL GP GU GT GN GW GY HT HN HK HM HU IE IS ' +
  'IN ID IQ IR IL IT CI JM JP YE YO JH JO KY CV CM JE QA KZ KE KG KI KW KM HR LA LS LV LB LR LY LI ' +
  'LT LU MO MK MG MW MV MY ML MT IM MA MH MQ MR MU YT MX FM MD MC MN MS MZ NA NR AN NP NI NC NZ NE ' +
  'NG NU KP MP NO NF UA UZ OK OM AT TL PK PW PS PA PG PY PE PN PL PR PT RE RW RO RU SM ST SA SN CS ' +
  'RS ME SC SL SG SH SI SK SD SB SO ES SJ LK KN LC PM VC SR SZ SY TJ TW TZ TH TB TM TG TK TO TT TD ' +
  'CZ TN TR TC TV UG UY VU VA VE AE US VN WF EH WS BY ZM ZW ZA KR GS SE CH')
    .split(' '),
);
