// The accounts and records both authorization matrices run against: one of each kind inside the
// Guangdong admin's scope ("own": 440305, the operator's carrier, the member's enterprise) and one
// in Beijing ("other"), created through the API as the national admin.
import assert from 'node:assert/strict';

export const ROLES = ['public', 'national', 'region_own', 'region_other', 'operator_own', 'enterprise_own',
  'investor', 'expert'];
export const LOGINS = { national: 'm-nat', region_own: 'm-gd', region_other: 'm-bj', operator_own: 'm-op',
  enterprise_own: 'm-ent', investor: 'm-inv', expert: 'm-exp' };

export function klass(status) {
  if ([200, 201, 202, 204, 409, 412, 422].includes(status)) return 'ok';
  return status;
}

export async function fixture(s) {
  await s.addUser('m-nat', 'national_admin');
  const nat = (m, p, b) => s.request(m, p, { as: 'm-nat', body: b });
  const carrier = async (name, region, uscc) => (await nat('POST', '/api/v1/carriers', {
    kind: 'incubator', name, operator_uscc: uscc, region_code: region, founded_on: '2018-01-01',
    area_total_m2: 5000,
  })).json.id;
  const enterprise = async (name, region, uscc) => (await nat('POST', '/api/v1/enterprises', {
    name, uscc, founded_on: '2020-01-01', region_code: region,
  })).json.id;
  const f = {};
  f.carrier_own = await carrier('矩阵甲孵化器', '440305', '91440300MA5DA1B2CC');
  f.carrier_other = await carrier('矩阵乙孵化器', '110108', '91440300MA5FXXXX0U');
  f.enterprise_own = await enterprise('矩阵甲公司', '440305', '91440300777553573X');
  f.enterprise_other = await enterprise('矩阵乙公司', '110108', '91110108MA01A2B3CF');
  for (const [k, v] of Object.entries(f)) assert.ok(v, `fixture ${k} was not created`);
  const inc = async (e, c) => (await nat('POST', '/api/v1/incubations', {
    enterprise_id: e, carrier_id: c, applied_on: '2024-01-01',
  })).json.id;
  f.incubation_own = await inc(f.enterprise_own, f.carrier_own);
  f.incubation_other = await inc(f.enterprise_other, f.carrier_other);
  f.cluster_own = (await nat('POST', '/api/v1/clusters', { name: '矩阵集群甲', region_code: '440300', carrier_ids: [f.carrier_own] })).json.id;
  f.cluster_other = (await nat('POST', '/api/v1/clusters', { name: '矩阵集群乙', region_code: '110000', carrier_ids: [f.carrier_other] })).json.id;
  f.region_own = '440305';
  f.region_other = '110108';
  await s.addUser('m-gd', 'region_admin', { region: '44' });
  await s.addUser('m-bj', 'region_admin', { region: '11' });
  await s.addUser('m-op', 'carrier_operator', { carriers: [f.carrier_own] });
  await s.addUser('m-ent', 'enterprise_member', { enterprises: [f.enterprise_own] });
  await s.addUser('m-inv', 'investor');
  await s.addUser('m-exp', 'expert');
  // Consent grants that /consents/{id} routes act on: one by the enterprise of m-ent, one by another.
  await s.addUser('m-ent2', 'enterprise_member', { enterprises: [f.enterprise_other] });
  const grant = async (who, e) => (await s.request('POST', '/api/v1/consents', { as: who, body: {
    enterprise_id: e, grantee_kind: 'region', grantee: '35', parts: ['profile'], valid_from: '2026-01-01', valid_to: '2026-12-31',
  } })).json.id;
  f.consent_own = await grant('m-ent', f.enterprise_own);
  f.consent_other = await grant('m-ent2', f.enterprise_other);
  // Targets of the other modules' {id} routes.
  const ar = async (c) => (await nat('POST', '/api/v1/annual-returns', { carrier_id: c, year: 2024 })).json.id;
  f['annual-returns_own'] = await ar(f.carrier_own);
  f['annual-returns_other'] = await ar(f.carrier_other);
  const verdict = async (c) => (await nat('POST', '/api/v1/verdicts', {
    rule_set_id: 'RS-MOST-2018', subject_type: 'carrier', subject_id: c, as_of: '2025-06-30' })).json.id;
  f.verdict_own = await verdict(f.carrier_own);
  f.verdict_other = await verdict(f.carrier_other);
  f['rule-set_own'] = 'RS-MOST-2018';
  f['rule-set_other'] = 'RS-MKS-2017';
  f.stat_own = f.carrier_own;
  f.stat_other = f.carrier_other;
  f.export_own = 'enterprises.csv';
  f.export_other = 'enterprises.xlsx';
  f.import_own = 999999;  // no such job: every caller must get the same answer
  f.import_other = 999998;
  // Throwaway accounts that /users/{id} routes act on.
  f.user_own = (await nat('POST', '/api/v1/users', { login: 'm-target-gd', role: 'region_admin', scope_region: '4403' })).json.id;
  f.user_other = (await nat('POST', '/api/v1/users', { login: 'm-target-bj', role: 'region_admin', scope_region: '110108' })).json.id;
  return f;
}

