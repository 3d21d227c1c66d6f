{{- define "itf.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "itf.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "itf.selectorLabels" -}}
app.kubernetes.io/name: {{ include "itf.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "itf.labels" -}}
{{ include "itf.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: itf
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "itf.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "itf.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "itf.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "itf.resultsClaim" -}}
{{- default (printf "%s-results" (include "itf.fullname" .)) .Values.results.persistence.existingClaim }}
{{- end }}

{{/* Refuses a result store that cannot work, naming the value to set. */}}
{{- define "itf.checkResults" -}}
{{- if and (eq .Values.results.store "postgresql") (not .Values.results.postgresql.url) }}
{{- fail "results.postgresql.url is required with results.store postgresql: set it to jdbc:postgresql://HOST:PORT/DATABASE" }}
{{- end }}
{{- if and (eq .Values.results.store "postgresql") (not (hasPrefix "jdbc:postgresql://" .Values.results.postgresql.url)) }}
{{- fail "results.postgresql.url must start with jdbc:postgresql://HOST:PORT/DATABASE" }}
{{- end }}
{{- if and (eq .Values.results.store "s3") (not .Values.results.s3.bucket) }}
{{- fail "results.s3.bucket is required with results.store s3: the name of an existing bucket" }}
{{- end }}
{{- end }}
