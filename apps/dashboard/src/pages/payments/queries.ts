/** Payments (issue 6): contracts, statements, what-if previews, issuing and creating a contract. */
import { fragment, gql } from '../../graphql/client';
import type {
  PaymentsContractsQuery,
  PaymentsCouncilQuery,
  PaymentsCouncilQueryVariables,
  PaymentsPreviewQuery,
  PaymentsStatementQuery,
  PaymentsStatementQueryVariables,
  PaymentsPreviewQueryVariables,
  PaymentsIssueStatementMutation,
  PaymentsIssueStatementMutationVariables,
  PaymentsCreateContractMutation,
  PaymentsCreateContractMutationVariables,
  PaymentsTermsFieldsFragment,
  PaymentsStatementFieldsFragment,
  PaymentsContractFieldsFragment,
  PaymentsDisputesQuery,
  PaymentsDisputesQueryVariables,
  PaymentsRaiseDisputeMutation,
  PaymentsRaiseDisputeMutationVariables,
  PaymentsAnswerDisputeMutation,
  PaymentsAnswerDisputeMutationVariables,
  PaymentsReissueMutation,
  PaymentsReissueMutationVariables,
} from '../../graphql/generated';

export type TermsFields = PaymentsTermsFieldsFragment;
export type StatementFields = PaymentsStatementFieldsFragment;
export type ContractFields = PaymentsContractFieldsFragment;

const TERMS_FIELDS = fragment(/* GraphQL */ `
  fragment PaymentsTermsFields on Terms {
    fixedFeePence
    outcomePotPence
    missingData
    neighbourModel
    indicators {
      indicatorId
      weight
      missingData
      partial {
        type
        floor
      }
      target {
        type
        level
        by
        unit
        baselinePeriod
        margin
        quartile
        position
        councils
      }
    }
  }
`);

const STATEMENT_FIELDS = fragment(/* GraphQL */ `
  fragment PaymentsStatementFields on Statement {
    id
    contractId
    period
    status
    version
    termsOverridden
    issuedAt
    issuedBy
    fixedFeePence
    outcomePotPence
    allocatedPence
    earnedPence
    unearnedPence
    totalPence
    notes
    rules
    sha256
    intact
    csv
    revision
    supersedesId
    reissueReason
    rateCardPence
    rateCardLines {
      indicatorId
      title
      pricePence
      counted
      countedSymbol
      units
      grossPence
      paidPence
      explanation
    }
    sources {
      submissionId
      kind
      councilCode
      practiceId
      collectionYear
      contentHash
    }
    lines {
      indicatorId
      title
      unit
      weight
      outcome
      excluded
      targetDescription
      targetValue
      floorValue
      achievement
      allocatedPence
      earnedPence
      explanation
      actual {
        value
        symbol
        numerator
        numeratorSymbol
        denominator
        denominatorSymbol
        source
        period
      }
    }
  }
`);

const CONTRACT_FIELDS = fragment(
  /* GraphQL */ `
    fragment PaymentsContractFields on Contract {
      id
      name
      councilCode
      council {
        code
        name
      }
      practiceId
      practice {
        id
        name
      }
      periodStart
      periodEnd
      latestVersion
      canManage
      terms {
        ...PaymentsTermsFields
      }
      # apart from the terms fragment, so a what-if form carries the rate card through unchanged
      rateTerms: terms {
        rateCard {
          capPerYearPence
          capContractPence
          rates {
            indicatorId
            pricePence
            maxUnits
          }
        }
      }
      statements {
        id
        period
        totalPence
        revision
        supersededById
      }
    }
  `,
  [TERMS_FIELDS],
);

/** One statement in full (the list carries only each statement's year and total, to stay under the API's query cost). */
export const STATEMENT_QUERY = gql<PaymentsStatementQuery, PaymentsStatementQueryVariables>(
  /* GraphQL */ `
    query PaymentsStatement($id: ID!) {
      statement(id: $id) {
        ...PaymentsStatementFields
      }
    }
  `,
  [STATEMENT_FIELDS],
);

export const CONTRACTS_QUERY = gql<PaymentsContractsQuery>(
  /* GraphQL */ `
    query PaymentsContracts {
      contracts {
        ...PaymentsContractFields
      }
      indicators {
        id
        title
      }
    }
  `,
  [CONTRACT_FIELDS],
);

/** For creating a contract: the council's practices and the indicators a target can be set on. */
export const COUNCIL_QUERY = gql<PaymentsCouncilQuery, PaymentsCouncilQueryVariables>(/* GraphQL */ `
  query PaymentsCouncil($code: ID!) {
    council(code: $code) {
      code
      name
      practices {
        id
        name
      }
    }
    indicators {
      id
      title
      unit
      polarity
      periodType
    }
  }
`);

export const PREVIEW_QUERY = gql<PaymentsPreviewQuery, PaymentsPreviewQueryVariables>(
  /* GraphQL */ `
    query PaymentsPreview($contractId: ID!, $period: Int!, $terms: TermsInput) {
      previewStatement(contractId: $contractId, period: $period, terms: $terms) {
        ...PaymentsStatementFields
      }
    }
  `,
  [STATEMENT_FIELDS],
);

export const ISSUE_MUTATION = gql<PaymentsIssueStatementMutation, PaymentsIssueStatementMutationVariables>(
  /* GraphQL */ `
    mutation PaymentsIssueStatement($contractId: ID!, $period: Int!) {
      issueStatement(contractId: $contractId, period: $period) {
        ...PaymentsStatementFields
      }
    }
  `,
  [STATEMENT_FIELDS],
);

export const CREATE_CONTRACT_MUTATION = gql<PaymentsCreateContractMutation, PaymentsCreateContractMutationVariables>(
  /* GraphQL */ `
    mutation PaymentsCreateContract($input: CreateContractInput!) {
      createContract(input: $input) {
        ...PaymentsContractFields
      }
    }
  `,
  [CONTRACT_FIELDS],
);

/** Disputes change after issue, so they are read apart from the (immutable, cached) statement. */
export const DISPUTES_QUERY = gql<PaymentsDisputesQuery, PaymentsDisputesQueryVariables>(/* GraphQL */ `
  query PaymentsDisputes($id: ID!) {
    statement(id: $id) {
      id
      supersededById
      disputes {
        id
        indicatorId
        state
        events {
          kind
          party
          author
          at
          message
          resolution
        }
      }
    }
  }
`);

export const RAISE_DISPUTE_MUTATION = gql<
  PaymentsRaiseDisputeMutation,
  PaymentsRaiseDisputeMutationVariables
>(/* GraphQL */ `
  mutation PaymentsRaiseDispute($statementId: ID!, $indicatorId: ID!, $message: String!) {
    raiseDispute(statementId: $statementId, indicatorId: $indicatorId, message: $message) {
      id
      state
    }
  }
`);

export const ANSWER_DISPUTE_MUTATION = gql<
  PaymentsAnswerDisputeMutation,
  PaymentsAnswerDisputeMutationVariables
>(/* GraphQL */ `
  mutation PaymentsAnswerDispute($disputeId: ID!, $resolution: DisputeResolution!, $message: String!) {
    answerDispute(disputeId: $disputeId, resolution: $resolution, message: $message) {
      id
      state
    }
  }
`);

export const REISSUE_MUTATION = gql<PaymentsReissueMutation, PaymentsReissueMutationVariables>(/* GraphQL */ `
  mutation PaymentsReissue($statementId: ID!, $reason: String!) {
    reissueStatement(statementId: $statementId, reason: $reason) {
      id
      revision
      totalPence
    }
  }
`);
