-- wrk script: the national dashboard's three requests in turn (summary with the year before,
-- the provinces for the map, the funnel).
local paths = {
  "/api/v1/stats/summary?as_of=2024-12-31",
  "/api/v1/stats/by-region?as_of=2024-12-31",
  "/api/v1/stats/funnel?as_of=2024-12-31",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
