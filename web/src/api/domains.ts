// Technology domains (技术领域): the eight fields of the national high-tech list plus the focus tags.
// The API stores the Chinese name; codes are accepted on display too.
export const TECH_DOMAINS: { key: string; zh: string }[] = [
  { key: 'electronics', zh: '电子信息' },
  { key: 'biomed', zh: '生物与新医药' },
  { key: 'aerospace', zh: '航空航天' },
  { key: 'materials', zh: '新材料' },
  { key: 'hitech_services', zh: '高技术服务' },
  { key: 'energy', zh: '新能源与节能' },
  { key: 'environment', zh: '资源与环境' },
  { key: 'manufacturing', zh: '先进制造与自动化' },
  { key: 'ai', zh: '人工智能' },
  { key: 'quantum', zh: '量子信息' },
  { key: 'ic', zh: '集成电路' },
  { key: 'robotics', zh: '机器人' },
  { key: 'space_info', zh: '空天信息' },
  { key: 'life_sciences', zh: '生命科学' },
  { key: 'biomedicine', zh: '生物医药' },
  { key: 'agriculture', zh: '现代农业' },
]

export function domainKey(value: string): string | undefined {
  return TECH_DOMAINS.find((d) => d.zh === value || d.key === value)?.key
}
