-- Argo CD health of an itf.dev TestRun: Progressing while it runs, Healthy when every case passed,
-- Degraded when a case failed or the run could not execute.
local hs = {status = "Progressing", message = "Waiting for the operator"}
if obj.status == nil or obj.status.phase == nil then
  return hs
end
local phase = obj.status.phase
local s = obj.status.summary
local counts = ""
if s ~= nil and s.total ~= nil then
  counts = string.format("%d of %d cases passed", s.passed or 0, s.total)
  if (s.failed or 0) > 0 then counts = counts .. string.format(", %d failed", s.failed) end
  if (s.errored or 0) > 0 then counts = counts .. string.format(", %d errored", s.errored) end
end
local reason = ""
if obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.status == "False" and c.message ~= nil and (c.type == "Succeeded" or c.type == "Resolved") then
      reason = c.message
    end
  end
end
if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = counts ~= "" and counts or "Succeeded"
elseif phase == "Failed" then
  hs.status = "Degraded"
  hs.message = counts ~= "" and counts or reason
elseif phase == "Error" then
  hs.status = "Degraded"
  hs.message = reason ~= "" and reason or "The run could not execute"
else
  hs.status = "Progressing"
  hs.message = phase .. (counts ~= "" and (": " .. counts) or "")
end
return hs
