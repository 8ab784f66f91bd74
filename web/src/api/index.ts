// One function per API v1 endpoint used by the console, one file per server module; `api` gathers them.
import { auditApi } from './audit'
import { consentApi } from './consent'
import { identityApi } from './identity'
import { ioApi } from './io'
import { registryApi } from './registry'
import { returnsApi } from './returns'
import { standardsApi } from './standards'
import { statsApi } from './stats'
import { systemApi } from './system'

export const api = {
  ...systemApi,
  ...identityApi,
  ...auditApi,
  ...registryApi,
  ...consentApi,
  ...returnsApi,
  ...ioApi,
  ...statsApi,
  ...standardsApi,
}
