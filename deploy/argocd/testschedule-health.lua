-- Argo CD health of an itf.dev TestSchedule: Degraded while its spec is invalid or when its last run failed,
-- Suspended when suspended, Healthy otherwise (a run in progress does not make the application Progressing).
local hs = {status = "Progressing", message = "Waiting for the operator"}
if obj.status == nil then
  return hs
end
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Valid" and c.status == "False" then
      hs.status = "Degraded"
      hs.message = c.message or "The schedule is not valid"
      return hs
    end
  end
end
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended"
  return hs
end
local last = obj.status.lastRun
if last ~= nil and (last.phase == "Failed" or last.phase == "Error") then
  hs.status = "Degraded"
  hs.message = "Last run " .. last.name .. " ended " .. last.phase
  return hs
end
if last ~= nil and last.phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "Last run " .. last.name .. " succeeded"
  return hs
end
if last ~= nil then
  hs.status = "Healthy"
  hs.message = "Run " .. last.name .. " is " .. (last.phase or "Pending")
  return hs
end
hs.status = "Healthy"
hs.message = "No run yet"
return hs
