-- wrk script: POST /api/v1/requests with a bearer token (OGI_TOKEN) and a valid application.
local token = os.getenv("OGI_TOKEN")
local body_id = os.getenv("OGI_BODY") or "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"body_id":' .. body_id .. ',"channel":"in_person","received_on":"2025-03-03",' ..
  '"applicant":{"kind":"natural_person","name":"张三","id_type":"resident_id_card",' ..
  '"id_number":"11010519491231002X","phone":"13800000000"},' ..
  '"description":"2023年本街道老旧小区改造项目的招标文件","form":{"medium":"electronic","delivery":"email"}}'
