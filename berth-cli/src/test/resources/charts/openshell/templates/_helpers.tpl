{{- define "fixture.name" -}}{{ .Release.Name }}{{- end }}
{{- define "fixture.sandboxNamespace" -}}{{ .Values.sandboxNamespace | default .Release.Namespace }}{{- end }}
{{- define "fixture.labels" -}}
app.kubernetes.io/name: openshell
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
