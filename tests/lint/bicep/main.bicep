param workspaceName string
param computeName string = 'aks-inference'

resource compute 'Microsoft.MachineLearningServices/workspaces/computes@2024-04-01' = {
  name: '${workspaceName}/${computeName}'
  properties: {
    computeType: 'AKS'
    properties: {
      agentCount: 3
      agentVmSize: 'Standard_D3_v2'
    }
  }
}
