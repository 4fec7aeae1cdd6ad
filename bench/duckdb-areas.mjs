// The small-area task (../shared/bench/TASK.md) in DuckDB, for `make bench`
// to time jamstat against it side by side.  Run with Node and the npm
// package @duckdb/node-api (installed by bench/run.sh into the bench cache,
// outside the repository):  node duckdb-areas.mjs INPUT.csv OUTPUT.csv
// Its output is byte-identical to jamstat's and to tests/oracle/areas.py.
import { DuckDBInstance } from '@duckdb/node-api';
const [input, output] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await db.connect();
const sql = `
COPY (
  WITH t AS (SELECT area, year, sex, CASE WHEN age = '100+' THEN 100 ELSE CAST(age AS INTEGER) END AS a, background, population AS n
             FROM read_csv('${input}', header = true, columns = {'year':'VARCHAR','area':'VARCHAR','sex':'VARCHAR','age':'VARCHAR','background':'VARCHAR','population':'BIGINT'})),
  g AS (SELECT area, year, a, SUM(n) AS n FROM t GROUP BY area, year, a),
  c AS (SELECT area, year, a, n, SUM(n) OVER (PARTITION BY area, year ORDER BY a) AS cum, SUM(n) OVER (PARTITION BY area, year) AS tot FROM g),
  m AS (SELECT area, year, arg_min(a + (tot / 2.0 - (cum - n)) / n, a) AS median_age FROM c WHERE n > 0 AND cum >= tot / 2.0 GROUP BY area, year),
  s AS (SELECT area, year, SUM(n) AS pop, SUM(n) FILTER (sex = 'women') AS w, SUM(n) FILTER (a >= 65) AS old,
               SUM(n) FILTER (a BETWEEN 20 AND 64) AS work, SUM(n) FILTER (a < 20) AS young, SUM(n) FILTER (background = 'abroad') AS abroad
        FROM t GROUP BY area, year)
  SELECT s.area, s.year, pop AS population,
         printf('%.4f', 100.0 * w / pop) AS share_women, printf('%.4f', 100.0 * (pop - w) / w) AS sex_ratio,
         printf('%.4f', 100.0 * old / pop) AS share_65plus, printf('%.4f', 100.0 * old / work) AS old_age_dependency,
         printf('%.4f', 100.0 * (young + old) / work) AS total_dependency, printf('%.4f', 100.0 * abroad / pop) AS share_born_abroad,
         printf('%.4f', median_age) AS median_age
  FROM s JOIN m USING (area, year) ORDER BY s.area, s.year
) TO '${output}' (HEADER, DELIMITER ',', QUOTE '');`;
await c.run(sql);
