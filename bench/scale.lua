-- wrk script of bench/scale.sh: GET OGI_PATH with a bearer token; an ID in it becomes a
-- random id 1..OGI_MAX_ID, and then each page is two requests: the request, then its
-- timeline (/events).
local token = os.getenv("OGI_TOKEN")
local path = os.getenv("OGI_PATH")
local max_id = tonumber(os.getenv("OGI_MAX_ID") or "1000")
local headers = {["Authorization"] = "Bearer " .. token}
local id, second = nil, false

function setup(thread)
  thread:set("seed", math.random(1, 1e9))
end

function init(args)
  math.randomseed(os.time() + (seed or 0))
end

request = function()
  if not path:find("ID", 1, true) then
    return wrk.format("GET", path, headers)
  end
  if second then
    second = false
    return wrk.format("GET", (path:gsub("ID", id)) .. "/events", headers)
  end
  id, second = tostring(math.random(1, max_id)), true
  return wrk.format("GET", (path:gsub("ID", id)), headers)
end
