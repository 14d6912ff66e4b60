-- wrk script: GET /api/v1/requests/{id} for random ids 1..OGI_MAX_ID with a bearer token.
local token = os.getenv("OGI_TOKEN")
local max_id = tonumber(os.getenv("OGI_MAX_ID") or "1000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/requests/" .. math.random(1, max_id), {["Authorization"] = "Bearer " .. token})
end
