-- The schema floor of P2: the rows of the CSV set, already in bare tables (schema or attached
-- database `r`, one text column per CSV column, `row_no` = line order), moved into the real
-- schema — keys, indexes, foreign keys, the name search index — by plain INSERT … SELECT in one
-- transaction, with no validation at all. An importer that reads the CSV files costs at least
-- the reference load plus this; bench/import/run.sh prints it beside both sides.
BEGIN;
INSERT INTO carriers(code, kind, name, name_sort, operator_uscc, region_code, zone_code, address,
                     founded_on, closed_on, specialization, industry, area_total_m2,
                     area_self_controlled_m2, area_incubatee_m2, area_public_service_m2,
                     created_at, updated_at)
SELECT "载体编码", "载体类型", "载体名称", "载体名称", "运营机构统一社会信用代码", "所在区县代码",
       NULLIF("功能区代码", ''), "地址", "成立日期", NULLIF("关闭日期", ''), "综合或专业",
       NULLIF("所属行业代码", ''), COALESCE(CAST(NULLIF("场地总面积（平方米）", '') AS REAL), 0), COALESCE(CAST(NULLIF("自主支配面积（平方米）", '') AS REAL), 0),
       COALESCE(CAST(NULLIF("在孵企业用房面积（平方米）", '') AS REAL), 0), COALESCE(CAST(NULLIF("公共服务用房面积（平方米）", '') AS REAL), 0), '2026-01-01', '2026-01-01'
FROM r.carriers;
INSERT INTO recognitions(carrier_id, authority, level, valid_from, valid_to, document_no)
SELECT c.id, x."认定机关", x."认定级别", x."认定日期", NULLIF(x."失效日期", ''), x."认定文号"
FROM r.recognitions x JOIN carriers c ON c.code = x."载体编码";
INSERT INTO enterprises(name, name_sort, uscc, is_team, founded_on, region_code, industry, domains,
                        employees, created_at, updated_at)
SELECT "企业名称", "企业名称", NULLIF("统一社会信用代码", ''), CASE "是否创业团队" WHEN '是' THEN 1 ELSE 0 END, "成立日期",
       "所在区县代码", NULLIF("行业代码", ''), "技术领域", COALESCE(CAST(NULLIF("从业人员数", '') AS INTEGER), 0), '2026-01-01', '2026-01-01'
FROM r.enterprises ORDER BY row_no;
-- Enterprises were numbered in file order into an empty table: a team's id is its row number.
INSERT INTO enterprise_team_keys(enterprise_id, carrier_code, name)
SELECT x.row_no, x."团队所属载体编码", x."企业名称" FROM r.enterprises x WHERE x."是否创业团队" = '是';
INSERT INTO incubations(enterprise_id, carrier_id, state, applied_on, admitted_on, started_on,
                        ended_on, end_reason, space_m2)
SELECT COALESCE(e.id, (SELECT k.enterprise_id FROM enterprise_team_keys k
                       WHERE k.carrier_code = COALESCE(NULLIF(x."团队所属载体编码", ''), x."载体编码")
                         AND k.name = x."团队名称")),
       c.id, x."孵化状态", x."申请日期", NULLIF(x."录取日期", ''), NULLIF(x."入孵日期", ''),
       NULLIF(x."结束日期", ''), NULLIF(x."结束原因", ''), COALESCE(CAST(NULLIF(x."占用面积（平方米）", '') AS REAL), 0)
FROM r.incubations x JOIN carriers c ON c.code = x."载体编码"
LEFT JOIN enterprises e ON x."企业统一社会信用代码" <> '' AND e.uscc = x."企业统一社会信用代码";
INSERT INTO qualifications(enterprise_id, kind, valid_from, valid_to)
SELECT e.id, x."资质类型", x."生效日期", NULLIF(x."失效日期", '')
FROM r.qualifications x JOIN enterprises e ON e.uscc = x."统一社会信用代码";
INSERT INTO listings(enterprise_id, board, code, listed_on)
SELECT e.id, x."板块", x."证券代码", x."上市挂牌日期"
FROM r.listings x JOIN enterprises e ON e.uscc = x."统一社会信用代码";
COMMIT;
